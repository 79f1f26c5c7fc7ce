import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The tenant: every row of research data belongs to one project. */
@Entity({ name: 'project' })
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** So the access helper treats a project like any project-scoped row. */
  get projectId(): string {
    return this.id;
  }
}
